import '../shared/base.css';
import '../shared/figures.css';
import './results.css';
import { browserStore } from '../shared/storage';
import { startResults } from './results';

startResults({
  store: browserStore(),
  main: document.getElementById('main') as HTMLElement,
  langButton: document.getElementById('lang') as HTMLButtonElement,
  footer: document.getElementById('footer'),
  pathname: location.pathname,
});
