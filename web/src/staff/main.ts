import '../shared/base.css';
import { browserStore } from '../shared/storage';
import { startStaff } from './staff';

startStaff(document, browserStore());
