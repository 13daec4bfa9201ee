import '../shared/base.css';
import './survey.css';
import { browserStore } from '../shared/storage';
import { startSurvey } from './app';

startSurvey({
  store: browserStore(),
  main: document.getElementById('main') as HTMLElement,
  langButton: document.getElementById('lang') as HTMLButtonElement,
  footer: document.getElementById('footer'),
  pathname: location.pathname,
  search: location.search,
});
